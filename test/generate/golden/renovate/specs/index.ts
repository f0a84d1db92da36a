import stack from '../../stack';
import renovate from './renovate';

export { stack };
export const services = [renovate];
