CREATE INDEX "contact_collateral_idx" ON "contact" USING btree ("youth_id","date") WHERE kind = 'collateral';--> statement-breakpoint
CREATE INDEX "episode_youth_open_idx" ON "episode" USING btree ("youth_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "mentor_assignment_youth_active_idx" ON "mentor_assignment" USING btree ("youth_id") WHERE active;--> statement-breakpoint
CREATE INDEX "mentor_assignment_org_active_idx" ON "mentor_assignment" USING btree ("organization_id","active");--> statement-breakpoint
CREATE INDEX "supervision_session_supervisees_idx" ON "supervision_session" USING gin ("supervisee_user_ids");