-- Authoring: versions for conflict detection, lesson drafts, course covers.
ALTER TABLE courses ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE courses ADD COLUMN cover_image text;
-- An uploaded file's generated name; the bytes live in the tenant's upload folder.
ALTER TABLE courses ADD CONSTRAINT courses_cover_image_name
  CHECK (cover_image IS NULL OR cover_image ~ '^[0-9a-f]{32}\.(png|jpg|webp|gif)$');

ALTER TABLE lessons ADD COLUMN version integer NOT NULL DEFAULT 1;
-- Existing lessons stay visible; the studio creates new ones as drafts.
ALTER TABLE lessons ADD COLUMN published boolean NOT NULL DEFAULT true;
CREATE INDEX lessons_tenant_course_published_idx ON lessons (tenant_id, course_id, published);

ALTER TABLE modules ADD CONSTRAINT modules_position_non_negative CHECK (position >= 0);
ALTER TABLE lessons ADD CONSTRAINT lessons_position_non_negative CHECK (position >= 0);

-- Orders are financial records: deleting a course keeps them, with the title they were for.
ALTER TABLE orders ADD COLUMN course_title text NOT NULL DEFAULT '';
ALTER TABLE orders ALTER COLUMN course_id DROP NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_tenant_id_course_id_fkey;
ALTER TABLE orders ADD CONSTRAINT orders_course_fkey FOREIGN KEY (tenant_id, course_id)
  REFERENCES courses (tenant_id, id) ON DELETE SET NULL (course_id);
