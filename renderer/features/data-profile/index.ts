// What other features may use of data-profile; everything else in this folder is its own business.
export { ActionPlanTab } from './ActionPlanTab';
export { DataProfileTab } from './DataProfileTab';
