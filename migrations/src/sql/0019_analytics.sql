-- Platform analytics read across tenants by time; these let each chart's query scan only its
-- window instead of every row.
CREATE INDEX enrollments_enrolled_idx ON enrollments (enrolled_at);
CREATE INDEX enrollments_completed_idx ON enrollments (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX orders_paid_idx ON orders (paid_at) WHERE status = 'paid';
CREATE INDEX lesson_progress_viewed_idx ON lesson_progress (last_viewed_at);
