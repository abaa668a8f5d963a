-- 销假: when the person reported back (000:91, 001:71, 002:73, 003:77); the absence then ends there.
ALTER TABLE absences ADD COLUMN reported_back_at timestamptz;
