import stack from '../../stack';
import nextcloud from './nextcloud';

export { stack };
export const services = [nextcloud];
