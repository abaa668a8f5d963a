-- A department head's leave approval (001:71 分管领导同意 → 区长批准; 002:73 经区长同意): the process that asks it,
-- its status and who decided; an absence refused approval no longer takes anyone's tasks away (经批准后方可离开).
ALTER TABLE absences ADD COLUMN approval jsonb;
