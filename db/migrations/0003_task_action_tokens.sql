CREATE TABLE "task_action_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"task_id" uuid NOT NULL,
	"action" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_action_tokens" ADD CONSTRAINT "task_action_tokens_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_action_tokens" ADD CONSTRAINT "task_action_tokens_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_action_tokens_hash_key" ON "task_action_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "task_action_tokens_task_idx" ON "task_action_tokens" USING btree ("task_id");