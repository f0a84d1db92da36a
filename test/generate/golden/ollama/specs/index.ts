import stack from '../../stack';
import ollama from './ollama';

export { stack };
export const services = [ollama];
