// What other features may use of relational-audit; everything else in this folder is its own business.
export { AuditTab } from './AuditTab';
