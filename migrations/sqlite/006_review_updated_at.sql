-- A review remembers when it last changed (written, replied to, moderated): the server's stamp
-- for a copied review, what the review pull compares against. Rows copied before read as created_at.
ALTER TABLE reviews ADD COLUMN updated_at TEXT NULL;
