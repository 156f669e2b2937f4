package dev.hotline.sample.clinic;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** JSON endpoints, each with one slow line. */
@RestController
class ClinicApiController {
    private final PetRepository pets;
    private final InsuranceClient insurance;

    ClinicApiController(PetRepository pets, InsuranceClient insurance) {
        this.pets = pets;
        this.insurance = insurance;
    }

    record PetView(long id, String name, String kind) {}

    record Quote(long ownerId, int monthlyCents) {}

    record Rotation(int vets, long score) {}

    @GetMapping("/owners/{ownerId}/pets")
    List<PetView> pets(@PathVariable("ownerId") long ownerId) {
        return pets.findByOwnerIdOrderByName(ownerId).stream().map(p -> new PetView(p.getId(), p.getName(), p.getKind())).toList();
    }

    @GetMapping("/owners/{ownerId}/insurance-quote")
    Quote insuranceQuote(@PathVariable("ownerId") long ownerId) {
        int cents = insurance.monthlyPremiumCents(ownerId); // slow: waits for the insurer's service
        return new Quote(ownerId, cents);
    }

    @GetMapping("/vets/rotation")
    Rotation rotation() {
        long score = RotationPlanner.bestScore(8); // slow: tries every rotation of the vets, on the CPU
        return new Rotation(8, score);
    }

    @GetMapping("/owners/{ownerId}/invoice")
    Quote invoice(@PathVariable("ownerId") long ownerId) {
        throw new IllegalStateException("the billing service is not configured"); // fails: a 500
    }
}
