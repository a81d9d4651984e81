-- Single-course sales move onto the products/invoices model (issue 11), so one path sells
-- everything and the payment provider, refunds, revenue and receipts cover course purchases too.
--
-- A priced course is sold through its own product (`kind = 'course'`), whose price follows the
-- course's price set in the studio. Such products are managed there, not in the offers editor,
-- so their names (the course title) need not be unique among the tenant's offers. Every order
-- becomes an invoice with the same id, so old checkout links can be sent to the new page.

ALTER TABLE products ADD COLUMN kind text NOT NULL DEFAULT 'offer';
ALTER TABLE products ADD CONSTRAINT products_kind_valid CHECK (kind IN ('offer', 'course'));
DROP INDEX products_name_key;
CREATE UNIQUE INDEX products_name_key ON products (tenant_id, lower(name)) WHERE kind = 'offer';
-- One product sells a given course on its own.
CREATE UNIQUE INDEX products_course_sale_key ON products (tenant_id, grants_course_id)
  WHERE kind = 'course';

-- Deleting a course keeps the money records that name it: the product stops granting it and
-- keeps its name for the invoices (before, a bought course could not be deleted at all).
ALTER TABLE products DROP CONSTRAINT products_tenant_id_grants_course_id_fkey;
ALTER TABLE products ADD CONSTRAINT products_grants_course_fkey
  FOREIGN KEY (tenant_id, grants_course_id) REFERENCES courses (tenant_id, id)
  ON DELETE SET NULL (grants_course_id);

-- The course products: every course priced now or bought before. A course no longer priced
-- keeps an archived product for its past invoices.
INSERT INTO products (tenant_id, name, amount_minor, currency, grants_course_id, status, kind)
SELECT c.tenant_id, left(c.title, 80),
       CASE WHEN c.price_cents > 0 THEN c.price_cents
            ELSE (SELECT max(o.amount_cents) FROM orders o
                  WHERE o.tenant_id = c.tenant_id AND o.course_id = c.id) END,
       t.currency, c.id,
       CASE WHEN c.price_cents > 0 THEN 'active' ELSE 'archived' END,
       'course'
FROM courses c JOIN tenants t ON t.id = c.tenant_id
WHERE c.price_cents > 0
   OR EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = c.tenant_id AND o.course_id = c.id);

-- Orders of courses deleted since (their title kept on the order): an archived product per
-- title, granting nothing.
INSERT INTO products (tenant_id, name, amount_minor, currency, status, kind)
SELECT o.tenant_id, left(coalesce(nullif(btrim(o.course_title), ''), 'Deleted course'), 80),
       max(o.amount_cents), max(o.currency), 'archived', 'course'
FROM orders o WHERE o.course_id IS NULL
GROUP BY 1, 2;

-- Orders become invoices. The simulated provider's books gain the charges those orders stood
-- for, so a migrated purchase can be refunded like a new one.
INSERT INTO invoices (tenant_id, id, user_id, product_id, amount_minor, currency, status,
                      idempotency_key, created_at, updated_at, paid_at)
SELECT o.tenant_id, o.id, o.user_id, p.id, o.amount_cents, o.currency,
       CASE o.status WHEN 'pending' THEN 'open' ELSE o.status END,
       'order:' || o.id, o.created_at, o.updated_at, o.paid_at
FROM orders o
JOIN products p ON p.tenant_id = o.tenant_id AND p.kind = 'course'
  AND (p.grants_course_id = o.course_id
       OR (o.course_id IS NULL AND p.grants_course_id IS NULL
           AND p.name = left(coalesce(nullif(btrim(o.course_title), ''), 'Deleted course'), 80)));
INSERT INTO simulated_charges (tenant_id, idempotency_key, user_id, amount_minor, currency,
                               outcome, refunded, created_at)
SELECT o.tenant_id, 'order:' || o.id, o.user_id, o.amount_cents, o.currency, 'paid',
       o.status = 'refunded', coalesce(o.paid_at, o.created_at)
FROM orders o WHERE o.status IN ('paid', 'refunded');

DROP TABLE orders;
-- Platform revenue by month reads paid invoices across tenants by time (as it read orders).
CREATE INDEX invoices_paid_at_idx ON invoices (paid_at) WHERE status = 'paid';
