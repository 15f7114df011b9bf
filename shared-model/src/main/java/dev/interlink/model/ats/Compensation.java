package dev.interlink.model.ats;

import java.math.BigDecimal;

/** period: YEAR | MONTH | WEEK | DAY | HOUR | OTHER (null when unknown); type: SALARY | HOURLY_RATE | BILL_RATE | OTHER. */
public record Compensation(BigDecimal min, BigDecimal max, String currency, String period, String type) {}
