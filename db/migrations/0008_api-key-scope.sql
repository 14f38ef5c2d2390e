CREATE TABLE "api_key_documents" (
	"api_key_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_key_documents_pkey" PRIMARY KEY("api_key_id","document_id")
);
--> statement-breakpoint
ALTER TABLE "api_idempotency" ALTER COLUMN "status" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_idempotency" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "scope" text DEFAULT 'own' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_key_documents" ADD CONSTRAINT "api_key_documents_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_key_documents" ADD CONSTRAINT "api_key_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_key_documents_document_idx" ON "api_key_documents" USING btree ("document_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scope_known" CHECK ("api_keys"."scope" in ('own', 'read_all'));