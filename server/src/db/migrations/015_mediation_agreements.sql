-- 调解协议书: what the parties agreed (terms, performance deadline, the day it took effect) and the joint
-- application for arbitral review confirmation it opens (办案规则 Art. 74: within 15 days of taking effect).
ALTER TABLE mediation_cases ADD COLUMN agreement jsonb;   -- {terms, performanceDeadline, effectiveOn, reviewDue}
