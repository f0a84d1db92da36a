import type { Rule } from '../../rule';
import databaseOnNetwork from './database-on-network';
import nfsMountOptions from './nfs-mount-options';
import persistentClass from './persistent-class';
import socketOnNetwork from './socket-on-network';
import sqliteOnNetwork from './sqlite-on-network';
import tsdbOnNfs from './tsdb-on-nfs';
import volumeName from './volume-name';
import waitUntilBound from './wait-until-bound';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const storageRules: Array<Rule<any>> = [
  persistentClass,
  volumeName,
  waitUntilBound,
  sqliteOnNetwork,
  tsdbOnNfs,
  socketOnNetwork,
  nfsMountOptions,
  databaseOnNetwork,
];
