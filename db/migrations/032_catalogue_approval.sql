-- The yearly catalogue of major decisions is approved as engine tasks (decisionCatalogue
-- workflow): drawn up by the office, approved by the government, agreed by the party committee,
-- published (decree713:4, 002:18, 003:27). `stage` says where the year's catalogue stands; an
-- entry added to a published catalogue is 'proposed' until the government approves it.
ALTER TABLE decision_catalogues ADD COLUMN stage text NOT NULL DEFAULT 'drafting' CHECK (stage IN ('drafting', 'approval', 'published'));
ALTER TABLE decision_catalogues ADD COLUMN process_id text;   -- the decisionCatalogue workflow that approves it
UPDATE decision_catalogues SET stage = 'published' WHERE published_at IS NOT NULL;

ALTER TABLE decision_catalogue_entries DROP CONSTRAINT decision_catalogue_entries_status_check;
ALTER TABLE decision_catalogue_entries ADD CONSTRAINT decision_catalogue_entries_status_check
  CHECK (status IN ('proposed', 'planned', 'in-progress', 'decided', 'withdrawn', 'refused'));

ALTER TABLE decision_catalogue_adjustments DROP CONSTRAINT decision_catalogue_adjustments_kind_check;
ALTER TABLE decision_catalogue_adjustments ADD CONSTRAINT decision_catalogue_adjustments_kind_check
  CHECK (kind IN ('added', 'withdrawn', 'changed', 'approved', 'refused'));
