-- A tenant's own analytics read its rows by time or by quiz: each chart's query scans only its
-- tenant's window on an index that leads with tenant_id, never the whole table. (Lesson views
-- and paid orders by tenant and time are indexed since 0014.)
CREATE INDEX enrollments_tenant_enrolled_idx ON enrollments (tenant_id, enrolled_at);
CREATE INDEX enrollments_tenant_completed_idx ON enrollments (tenant_id, completed_at)
  WHERE completed_at IS NOT NULL;
CREATE INDEX quiz_attempts_tenant_quiz_idx ON quiz_attempts (tenant_id, quiz_id, user_id)
  INCLUDE (passed);
