ALTER TABLE "model_calls" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "model_calls_dedupe_key" ON "model_calls" USING btree ("dedupe_key");