import type { ReviewDetail } from '../../../shared/reviews/contract';
import { SECTOR_LABELS, SECTORS, type Organisation, type Sector } from '../../../shared/reviews/domain';
import { guessSector } from '../../../shared/reviews/sector-guess';
import { api } from '../../api/client';
import { EditableTable } from '../../ui/EditableTable';
import { notify } from '../../ui/toasts';
import { useWorkspace } from './workspaceStore';

const COLUMNS = [
  { key: 'name', label: 'Organisation', required: true, placeholder: 'e.g. Oxfordshire County Council', width: '40%' },
  { key: 'shortName', label: 'Short name', required: true, placeholder: 'e.g. OCC', width: '14%' },
  { key: 'sector', label: 'Sector', options: SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] })) },
];

export function OrganisationsTab({ detail }: { detail: ReviewDetail }) {
  const apply = useWorkspace((state) => state.apply);
  return (
    <EditableTable<Organisation>
      caption="Organisations in the system"
      columns={COLUMNS}
      rows={detail.organisations}
      valuesOf={(org) => ({ name: org.name, shortName: org.shortName, sector: org.sector })}
      addLabel="Add organisation"
      deriveDraft={(previous, next) =>
        // Suggest the sector from the name until the user picks one themselves.
        next.name !== previous.name && (!previous.name || previous.sector === guessSector(previous.name)) ? { ...next, sector: guessSector(next.name ?? '') } : next
      }
      onAdd={(values) =>
        apply(() => api.addOrganisation({ reviewId: detail.review.id, name: values.name ?? '', shortName: values.shortName ?? '', sector: values.sector as Sector }))
      }
      onUpdate={(organisationId, values) =>
        apply(() => api.updateOrganisation({ organisationId, name: values.name ?? '', shortName: values.shortName ?? '', sector: values.sector as Sector }))
      }
      onRemove={async (org) => {
        await apply(() => api.removeOrganisation({ organisationId: org.id }));
        notify(`${org.name} removed`, () => void apply(() => api.restoreOrganisation({ organisationId: org.id })));
      }}
    />
  );
}
