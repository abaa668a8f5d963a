-- What a department head's leave report carries beyond its period and acting person (003:77): the
-- notice, plan and schedule of a trip over 3 days (有关通知、方案及日程安排), and for an urgent trip
-- reported as it starts, the written reason (因紧急事项临时外出的，要同步报备，并书面说明理由).
ALTER TABLE absences ADD COLUMN schedule text;
ALTER TABLE absences ADD COLUMN urgent_reason text;
