// What other features may use of sessions; everything else in this folder is its own business.
export { PassagesTab } from './PassagesTab';
export { SessionPage } from './SessionPage';
export { SessionsTab } from './SessionsTab';
export { taggableItems } from './taggable';
