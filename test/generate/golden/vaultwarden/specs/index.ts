import stack from '../../stack';
import vaultwarden from './vaultwarden';

export { stack };
export const services = [vaultwarden];
