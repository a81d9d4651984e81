-- Money records outlive a membership (issue 11). Subscriptions and invoices named the member
-- through `memberships`, so removing a member who had ever paid was refused (and the admin saw
-- an error). They now name the person (`users`), like the audit trail: removing a member ends
-- their live subscriptions (the application does so first, recording why) and keeps the history
-- and the invoices, which the tenant must be able to show later.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_tenant_id_user_id_fkey;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_user_id_fkey
  FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE invoices DROP CONSTRAINT invoices_tenant_id_user_id_fkey;
ALTER TABLE invoices ADD CONSTRAINT invoices_user_id_fkey
  FOREIGN KEY (user_id) REFERENCES users (id);
