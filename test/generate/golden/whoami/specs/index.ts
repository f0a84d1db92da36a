import stack from '../../stack';
import whoami from './whoami';

export { stack };
export const services = [whoami];
