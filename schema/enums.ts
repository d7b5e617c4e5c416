import { enumType } from 'pgtide';

export const accountPlan = enumType('account_plan', ['free', 'team', 'enterprise']).comment('Billing plan of an account.');

export const userRole = enumType('user_role', ['owner', 'admin', 'member']);

export const postStatus = enumType('post_status', ['draft', 'published', 'archived']);
