export { reportHandlers } from './handlers';
