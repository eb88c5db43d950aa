-- Which output document a result signature signs. A preschool request has two in its life: the
-- registration talon at registration, and months later the referral to a kindergarten or a
-- mini-centre, each signed and handed out on its own. NULL for request signatures and for result
-- signatures kept before this column existed (those signed the decision's outcome document).

ALTER TABLE request_signatures ADD COLUMN document TEXT;
