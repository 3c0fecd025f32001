// What other features may use of reviews; everything else in this folder is its own business.
export { OrganisationsTab } from './OrganisationsTab';
export { OverviewTab } from './OverviewTab';
export { ReviewList } from './ReviewList';
export { TeamTab } from './TeamTab';
export { useReviews } from './reviewsStore';
export { useWorkspace } from './workspaceStore';
