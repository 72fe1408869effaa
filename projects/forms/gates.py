"""Forms of the governance pages: a deliverable's file or link, a gate decision, a waiver."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.lifecycle import LifecyclePhase
from projects.models import ChecklistAnswer, GateDecision

CONDITION_ROWS = 3


class DeliverableForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(label=_("Link (https)"), required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class GateDecisionForm(forms.Form):
    """A gate decision: an answer and a note per checklist question, and up to three conditions."""

    decision = forms.ChoiceField(label=_("Decision"), choices=GateDecision.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, checklist, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = list(checklist)
        for position, question in enumerate(self.checklist):
            self.fields[f"answer_{position}"] = forms.ChoiceField(
                label=question, choices=ChecklistAnswer.choices, widget=forms.RadioSelect, required=False
            )
            self.fields[f"note_{position}"] = forms.CharField(label=_("Note"), required=False)
        owner_choices = [("", "—")] + [(str(user.pk), user.display_name) for user in members]
        for row in range(CONDITION_ROWS):
            self.fields[f"condition_{row}_description"] = forms.CharField(
                label=_("Condition"), required=False
            )
            self.fields[f"condition_{row}_owner"] = forms.ChoiceField(
                label=_("Owner"), choices=owner_choices, required=False
            )
            self.fields[f"condition_{row}_due_on"] = forms.DateField(
                label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    def question_fields(self):
        return [(self[f"answer_{i}"], self[f"note_{i}"]) for i in range(len(self.checklist))]

    def condition_fields(self):
        return [
            (
                self[f"condition_{row}_description"],
                self[f"condition_{row}_owner"],
                self[f"condition_{row}_due_on"],
            )
            for row in range(CONDITION_ROWS)
        ]

    def service_input(self) -> dict:
        data = self.cleaned_data
        checklist = [
            {"answer": data[f"answer_{i}"], "note": data[f"note_{i}"]} if data[f"answer_{i}"] else None
            for i in range(len(self.checklist))
        ]
        conditions = []
        for row in range(CONDITION_ROWS):
            description = data[f"condition_{row}_description"].strip()
            if not description:
                continue
            owner = data[f"condition_{row}_owner"]
            conditions.append(
                {
                    "description": description,
                    "owner": int(owner) if owner else None,
                    "due_on": data[f"condition_{row}_due_on"],
                }
            )
        return {
            "decision": data["decision"],
            "comment": data["comment"],
            "checklist": checklist,
            "conditions": conditions,
        }


class WaiverForm(forms.Form):
    deliverable_kind = forms.ChoiceField(label=_("Deliverable"), required=False)
    gate_phase = forms.ChoiceField(label=_("Gate"), required=False)
    checklist_item = forms.ChoiceField(label=_("Checklist item"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, gates, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = []
        for gate in gates:
            kinds += [kind for kind in gate.required_deliverables if kind not in kinds]
        from governance.models import DeliverableKind

        self.fields["deliverable_kind"].choices = [("", "—")] + [(k, DeliverableKind(k).label) for k in kinds]
        self.fields["gate_phase"].choices = [("", "—")] + [
            (gate.phase, f"{gate.gate_name} ({LifecyclePhase(gate.phase).label})")
            for gate in gates
            if gate.has_gate
        ]
        items = []
        for gate in gates:
            items += [(item, item) for item in gate.checklist if (item, item) not in items]
        self.fields["checklist_item"].choices = [("", "—"), *items]
