-- ClickHouse version of fct_partner_cohort_members.sql (same rows and columns). By hand because a cast to
-- DATE is not Nullable in ClickHouse: partners without a sale keep NULL through toDate(..., 'UTC').
with bounds as (
    select min(date) as data_start
    from fct_program_daily
    where valid_clicks > 0 or conversions > 0
),
first_sales as (
    select s.partner_id as partner_id, min(s.converted_at) as first_sale_at
    from stg_sales as s
    join stg_partners as p on p.partner_id = s.partner_id
    where s.is_counted and s.converted_date >= p.joined_at
    group by s.partner_id
)
select
    p.partner_id as partner_id,
    p.partner_name as partner_name,
    p.channel as channel,
    p.tier as tier,
    p.status as status,
    p.joined_at as joined_at,
    toStartOfMonth(p.joined_at) as join_month,
    coalesce(p.joined_at >= b.data_start, false) as joined_within_data,
    f.first_sale_at as first_sale_at,
    toDate(f.first_sale_at, 'UTC') as first_sale_date,
    toDate(f.first_sale_at, 'UTC') - p.joined_at as days_to_first_sale
from stg_partners as p
left join first_sales as f on f.partner_id = p.partner_id
cross join bounds as b
