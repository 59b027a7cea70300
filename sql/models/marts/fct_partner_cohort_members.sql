-- kind: table
-- grain: partner_id
-- owner: partnerships-analytics
-- description: Partner cohorts by join month: one row per partner with its join month and its first sale not
-- description: reversed on or after joined_at (UTC day of converted_at). days_to_first_sale = first sale day -
-- description: joined_at (NULL when it has not sold). joined_within_data = the partner joined on or after the
-- description: first day of the data (first day with clicks or sales), so its first months are observed;
-- description: partner cohorts use only those partners.
-- test: not_null(partner_id, channel, joined_at, join_month, joined_within_data)
-- test: relationships(partner_id -> stg_partners.partner_id)
with bounds as (
    select min(date) as data_start
    from fct_program_daily
    where valid_clicks > 0 or conversions > 0
),
first_sales as (
    select s.partner_id, min(s.converted_at) as first_sale_at
    from stg_sales as s
    join stg_partners as p using (partner_id)
    where s.is_counted and s.converted_date >= p.joined_at
    group by s.partner_id
)
select
    p.partner_id,
    p.partner_name,
    p.channel,
    p.tier,
    p.status,
    p.joined_at,
    date_trunc('month', p.joined_at)::date as join_month,
    coalesce(p.joined_at >= b.data_start, false) as joined_within_data,
    f.first_sale_at,
    (f.first_sale_at at time zone 'UTC')::date as first_sale_date,
    (f.first_sale_at at time zone 'UTC')::date - p.joined_at as days_to_first_sale
from stg_partners as p
left join first_sales as f on f.partner_id = p.partner_id
cross join bounds as b
