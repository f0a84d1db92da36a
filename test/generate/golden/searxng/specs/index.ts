import stack from '../../stack';
import searxng from './searxng';

export { stack };
export const services = [searxng];
