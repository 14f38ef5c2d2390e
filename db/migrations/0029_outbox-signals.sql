ALTER TABLE "event_outbox" ADD COLUMN "signal" text;--> statement-breakpoint
ALTER TABLE "event_outbox" ADD COLUMN "signalled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "event_outbox_unsignalled_idx" ON "event_outbox" USING btree ("created_at") WHERE "event_outbox"."signal" is not null and "event_outbox"."signalled_at" is null;