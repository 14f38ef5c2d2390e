ALTER TABLE "outbox_emails" ADD COLUMN "in_reply_to" text;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "references" text[] DEFAULT '{}'::text[] NOT NULL;