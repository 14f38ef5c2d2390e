CREATE TABLE "task_action_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"action" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_action_tokens" ADD COLUMN "link_id" uuid;--> statement-breakpoint
ALTER TABLE "task_action_links" ADD CONSTRAINT "task_action_links_email_id_outbox_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."outbox_emails"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_action_links" ADD CONSTRAINT "task_action_links_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_action_links" ADD CONSTRAINT "task_action_links_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_action_links_email_action_key" ON "task_action_links" USING btree ("email_id","action");--> statement-breakpoint
CREATE INDEX "task_action_links_task_idx" ON "task_action_links" USING btree ("task_id");--> statement-breakpoint
ALTER TABLE "task_action_tokens" ADD CONSTRAINT "task_action_tokens_link_id_task_action_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."task_action_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_action_tokens_link_idx" ON "task_action_tokens" USING btree ("link_id");