import type { AnyRule } from '../../rule';
import databaseOnNetwork from './database-on-network';
import nfsMountOptions from './nfs-mount-options';
import persistentClass from './persistent-class';
import socketOnNetwork from './socket-on-network';
import sqliteOnNetwork from './sqlite-on-network';
import tsdbOnNfs from './tsdb-on-nfs';
import volumeName from './volume-name';
import waitUntilBound from './wait-until-bound';

export const storageRules: AnyRule[] = [
  databaseOnNetwork,
  nfsMountOptions,
  persistentClass,
  socketOnNetwork,
  sqliteOnNetwork,
  tsdbOnNfs,
  volumeName,
  waitUntilBound,
];
