-- An entry taken out of a published catalogue (调整: 删除事项, decree713:4 根据实际情况调整) is an
-- adjustment like an addition: requested with its reason ('removal-proposed'), pending while the
-- government, the party committee and publication approve it (removal_process_id: the
-- decisionCatalogue process that does), then 'removed' — or, refused, planned as before
-- ('removal-refused').
ALTER TABLE decision_catalogue_entries ADD COLUMN removal_process_id text;

ALTER TABLE decision_catalogue_entries DROP CONSTRAINT decision_catalogue_entries_status_check;
ALTER TABLE decision_catalogue_entries ADD CONSTRAINT decision_catalogue_entries_status_check
  CHECK (status IN ('proposed', 'planned', 'in-progress', 'decided', 'withdrawn', 'refused', 'removed'));

ALTER TABLE decision_catalogue_adjustments DROP CONSTRAINT decision_catalogue_adjustments_kind_check;
ALTER TABLE decision_catalogue_adjustments ADD CONSTRAINT decision_catalogue_adjustments_kind_check
  CHECK (kind IN ('added', 'withdrawn', 'changed', 'approved', 'refused', 'removal-proposed', 'removed', 'removal-refused'));
