import stack from '../../stack';
import echo from './echo';

export { stack };
export const services = [echo];
