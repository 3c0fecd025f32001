export { governanceHandlers } from './governance';
