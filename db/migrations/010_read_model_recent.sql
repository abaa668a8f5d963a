-- Lists of what changed last (the workbench's 已办, recent activity): newest projection first.
CREATE INDEX process_summaries_recent ON process_summaries (jurisdiction, projected_at DESC, process_id DESC);
