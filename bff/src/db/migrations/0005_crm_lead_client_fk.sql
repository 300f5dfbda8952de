ALTER TABLE "leads" DROP CONSTRAINT "leads_workspace_id_crm_client_id_crm_clients_workspace_id_client_id_fk";
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_workspace_id_crm_client_id_crm_clients_workspace_id_client_id_fk" FOREIGN KEY ("workspace_id","crm_client_id") REFERENCES "public"."crm_clients"("workspace_id","client_id") ON DELETE no action ON UPDATE no action;