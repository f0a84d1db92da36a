import stack from '../../stack';
import overseerr from './overseerr';

export { stack };
export const services = [overseerr];
