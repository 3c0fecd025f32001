export { identityHandlers } from './identity';
