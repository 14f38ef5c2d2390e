ALTER TABLE "tasks" ADD COLUMN "vendor_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_queue_created_idx" ON "tasks" USING btree ("status","assigned_role","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_queue_type_created_idx" ON "tasks" USING btree ("status","assigned_role","type","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_queue_deadline_idx" ON "tasks" USING btree ("status","assigned_role","deadline_at","id");--> statement-breakpoint
CREATE INDEX "tasks_queue_amount_idx" ON "tasks" USING btree ("status","assigned_role",coalesce("amount_minor", (-9223372036854775807 - 1)),"id");--> statement-breakpoint
CREATE INDEX "tasks_vendor_idx" ON "tasks" USING btree ("vendor_id","status","created_at","id");