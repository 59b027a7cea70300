-- kind: table
-- grain: partner_id, months_since_join
-- owner: partnerships-analytics
-- description: Revenue of each partner by calendar months since the month it joined (0 = the join month),
-- description: counting only days on or after joined_at: conversions and revenue (base currency) of sales not
-- description: reversed, on the UTC day of converted_at (from fct_partner_daily). Months without sales are absent.
-- test: not_null(partner_id, months_since_join, conversions, revenue)
-- test: relationships(partner_id -> stg_partners.partner_id)
select
    d.partner_id,
    datediff('month', date_trunc('month', p.joined_at), d.date) as months_since_join,
    sum(d.conversions) as conversions,
    sum(d.revenue) as revenue
from fct_partner_daily as d
join stg_partners as p using (partner_id)
where d.date >= p.joined_at
group by d.partner_id, months_since_join
having sum(d.conversions) > 0 or sum(d.revenue) <> 0
