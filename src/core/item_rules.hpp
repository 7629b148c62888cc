// The walk's grammar per item type (input.cpp), for the rows of the item-type table
// (item_types.cpp). Inside the core only: everything else asks the table.
#pragma once

#include <string>
#include <vector>

#include "cna/assessment.hpp"
#include "cna/checklist.hpp"
#include "cna/input.hpp"
#include "cna/value.hpp"

namespace cna::rules {

using Lines = std::vector<std::string>;
using People = std::vector<Stakeholder>;

// Parsers: the typed lines as a value of the type's kind, syntax only.
ParsedInput parse_text(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_list(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_multi(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_choice(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_yesno(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_number(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_percent(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_money(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_date(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_scale(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_person(const Item& item, const Lines& lines, const InputContext& context);
ParsedInput parse_questions(const Item& item, const Lines& lines, const InputContext& context);

// Checks: the item's rules for a value of the type's kind; empty when kept.
Refusal check_text(const Item& item, const Value& value, const People& people);
Refusal check_longtext(const Item& item, const Value& value, const People& people);
Refusal check_choice(const Item& item, const Value& value, const People& people);
Refusal check_multi(const Item& item, const Value& value, const People& people);
Refusal check_list(const Item& item, const Value& value, const People& people);
Refusal check_yesno(const Item& item, const Value& value, const People& people);
Refusal check_number(const Item& item, const Value& value, const People& people);
Refusal check_percent(const Item& item, const Value& value, const People& people);
Refusal check_money(const Item& item, const Value& value, const People& people);
Refusal check_date(const Item& item, const Value& value, const People& people);
Refusal check_scale(const Item& item, const Value& value, const People& people);
Refusal check_person(const Item& item, const Value& value, const People& people);
Refusal check_questions(const Item& item, const Value& value, const People& people);

} // namespace cna::rules
