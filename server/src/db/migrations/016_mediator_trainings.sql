-- 调解员培训: each mediator's trainings ({on, title, hours}), kept on the roster record (附件4).
ALTER TABLE mediators ADD COLUMN trainings jsonb NOT NULL DEFAULT '[]';
