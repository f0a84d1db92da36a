import stack from '../../stack';
import openWebui from './open-webui';

export { stack };
export const services = [openWebui];
