-- 节假日安排 for years the built-in calendar (chinese-days) does not cover yet: the province administrator loads the
-- State Council's arrangement when it is published (usually in November for the next year). Core's computeDeadline
-- takes these days as its `extra`; a year with none loaded counts weekends only and says calendarMissing.
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  work boolean NOT NULL,                       -- true: 调休上班; false: a statutory holiday
  name text NOT NULL,
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
