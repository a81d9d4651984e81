-- The console's load: generated tenants with members, courses, enrolments, lesson activity and
-- paid course sales, for the tenant-list benchmark (scripts/bench). Run as the database owner:
--
--   psql "$DATABASE_URL" -v tenants=10000 -f scripts/console-load.sql
--
-- With 10,000 tenants: 50,000 people, 500,000 memberships, 30,000 courses, 1,000,000
-- enrolments, 300,000 lesson-progress rows and 100,000 paid invoices. Per tenant: 50 members
-- (people are shared between tenants, as real people belong to several), 3 courses, each member
-- enrolled in 2 of them. Every fiftieth tenant is suspended; tiers rotate.
\set ON_ERROR_STOP on
\if :{?tenants}
\else
  \set tenants 10000
\endif

BEGIN;
CREATE TEMP TABLE gen_tenants ON COMMIT DROP AS
  SELECT n, gen_random_uuid() AS id FROM generate_series(1, :tenants) AS n;
INSERT INTO tenants (id, slug, name, tier, status, created_at)
  SELECT id, 'gen-' || n, 'Generated Tenant ' || n,
         (ARRAY['basic', 'premium', 'enterprise'])[1 + n % 3],
         CASE WHEN n % 50 = 0 THEN 'suspended' ELSE 'active' END,
         now() - (n % 700) * interval '1 day'
  FROM gen_tenants;

CREATE TEMP TABLE gen_people ON COMMIT DROP AS
  SELECT n, gen_random_uuid() AS id FROM generate_series(0, 49999) AS n;
INSERT INTO users (id, email, display_name)
  SELECT id, 'learner' || n || '@generated.example', 'Learner ' || n FROM gen_people;

CREATE TEMP TABLE gen_members ON COMMIT DROP AS
  SELECT t.id AS tenant_id, i, p.id AS user_id
  FROM gen_tenants t CROSS JOIN generate_series(0, 49) AS i
  JOIN gen_people p ON p.n = (t.n * 50 + i) % 50000;
INSERT INTO memberships (tenant_id, user_id, role)
  SELECT tenant_id, user_id, CASE WHEN i = 0 THEN 'owner' ELSE 'member' END FROM gen_members;

-- A course's module and lesson reuse its id (their keys are their own tables').
CREATE TEMP TABLE gen_courses ON COMMIT DROP AS
  SELECT t.id AS tenant_id, c, gen_random_uuid() AS id
  FROM gen_tenants t CROSS JOIN generate_series(1, 3) AS c;
INSERT INTO courses (tenant_id, id, slug, title, status, published_at)
  SELECT tenant_id, id, 'course-' || c, 'Course ' || c, 'published', now() FROM gen_courses;
INSERT INTO modules (tenant_id, id, course_id, title)
  SELECT tenant_id, id, id, 'Module 1' FROM gen_courses;
INSERT INTO lessons (tenant_id, id, course_id, module_id, title)
  SELECT tenant_id, id, id, id, 'Lesson 1' FROM gen_courses;

CREATE TEMP TABLE gen_enrolments ON COMMIT DROP AS
  SELECT m.tenant_id, c.id AS course_id, m.user_id, m.i, c.c
  FROM gen_members m JOIN gen_courses c ON c.tenant_id = m.tenant_id AND c.c <> m.i % 3 + 1;
INSERT INTO enrollments (tenant_id, course_id, user_id, enrolled_at)
  SELECT tenant_id, course_id, user_id, now() - ((i * 7 + c) % 90) * interval '1 day'
  FROM gen_enrolments;
-- Three in ten enrolments opened their lesson, spread over the last 60 days.
INSERT INTO lesson_progress (tenant_id, user_id, course_id, lesson_id, last_viewed_at)
  SELECT tenant_id, user_id, course_id, course_id, now() - ((i * 13 + c) % 60) * interval '1 day'
  FROM gen_enrolments WHERE (i + c) % 10 < 3;
-- One in ten was bought on its own (through the course's product), over the last 90 days.
INSERT INTO products (tenant_id, id, name, amount_minor, currency, grants_course_id, kind)
  SELECT tenant_id, id, 'Course ' || c, 2900 + c * 1000, 'USD', id, 'course' FROM gen_courses;
INSERT INTO invoices (tenant_id, user_id, product_id, amount_minor, currency, status,
                      idempotency_key, paid_at)
  SELECT tenant_id, user_id, course_id, 2900 + c * 1000, 'USD', 'paid',
         'load:' || course_id || ':' || user_id, now() - ((i * 11 + c) % 90) * interval '1 day'
  FROM gen_enrolments WHERE (i * 3 + c) % 10 = 0;
COMMIT;
-- As autovacuum would soon after a real load: statistics, and the visibility map that lets counts
-- over an index skip the table.
VACUUM ANALYZE;
