import type { AnyRule } from '../../rule';
import persistentClass from './persistent-class';
import socketOnNetwork from './socket-on-network';
import sqliteOnNetwork from './sqlite-on-network';
import tsdbOnNfs from './tsdb-on-nfs';
import volumeName from './volume-name';
import waitUntilBound from './wait-until-bound';

export const storageRules: AnyRule[] = [persistentClass, socketOnNetwork, sqliteOnNetwork, tsdbOnNfs, volumeName, waitUntilBound];
