import stack from '../../stack';
import minio from './minio';

export { stack };
export const services = [minio];
