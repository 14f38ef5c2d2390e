-- Tasks opened before tasks.vendor_id existed take their document's vendor, so the inbox's vendor filter finds them.
UPDATE "tasks" SET "vendor_id" = "documents"."vendor_id" FROM "documents" WHERE "documents"."id" = "tasks"."document_id" AND "tasks"."vendor_id" IS NULL;
